package dev.signpost.core;

/** The data directory has no room for the write: a 500 whose text says where and what to do. */
public final class StorageFullException extends RuntimeException {
    public StorageFullException(String detail) {
        super(detail);
    }
}
