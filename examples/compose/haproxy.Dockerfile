# signpost-haproxy: the Signpost image plus this host's HAProxy (Debian's haproxy package) and its libraries, for
# `signpost template` reloading HAProxy in one container. Made by examples/compose/build; BASE is a local image.
ARG BASE
FROM ${BASE}
ARG INPUTS
LABEL dev.signpost.image.inputs="${INPUTS}"
COPY rootfs/ /
