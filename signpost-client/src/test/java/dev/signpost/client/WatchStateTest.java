package dev.signpost.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchStateTest {

    private final WatchState<String> state =
            new WatchState<>(QueryOptions.DEFAULT, Duration.ofSeconds(60), Duration.ofSeconds(2));

    private static QueryResult<String> answer(String value, long index, long lastContact) {
        return new QueryResult<>(value, index, true, lastContact);
    }

    @Test
    void firstCall_isNonBlockingAndStale() {
        QueryOptions o = state.next();
        assertThat(o.index()).isZero();
        assertThat(o.waitTime()).isEqualTo(Duration.ZERO);
        assertThat(o.stale()).isTrue();
    }

    @Test
    void answer_setsTheIndexForTheNextBlockingCall() {
        assertThat(state.accept(answer("a", 10, 0))).isPresent();
        assertThat(state.next().index()).isEqualTo(10);
        assertThat(state.next().waitTime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void sameIndex_isNoNews() {
        state.accept(answer("a", 10, 0));
        assertThat(state.accept(answer("a", 10, 0))).isEmpty();
    }

    @Test
    void indexGoingBackwards_resetsToZero() {
        state.accept(answer("a", 10, 0));
        assertThat(state.accept(answer("b", 3, 0))).isEmpty();
        assertThat(state.next().index()).isZero();
        assertThat(state.accept(answer("b", 3, 0))).map(QueryResult::value).contains("b");
    }

    @Test
    void indexBelowOne_countsAsOne() {
        state.accept(answer("a", 0, 0));
        assertThat(state.next().index()).isEqualTo(1);
    }

    @Test
    void sameValueUnderNewIndex_isNoNews_butMovesTheIndex() {
        state.accept(answer("a", 10, 0));
        assertThat(state.accept(answer("a", 11, 0))).isEmpty();
        assertThat(state.next().index()).isEqualTo(11);
    }

    @Test
    void tooStaleAnswer_isAskedAgainWithoutStale_thenStaleAgain() {
        assertThat(state.accept(answer("a", 10, 2_500))).isEmpty();
        assertThat(state.next().stale()).isFalse();
        assertThat(state.accept(answer("a", 10, 0))).isPresent();
        assertThat(state.next().stale()).isTrue();
    }

    @Test
    void zeroMaxStale_neverAddsStale() {
        WatchState<String> consistent =
                new WatchState<>(QueryOptions.DEFAULT, Duration.ofSeconds(1), Duration.ZERO);
        assertThat(consistent.next().stale()).isFalse();
        assertThat(consistent.accept(answer("a", 5, 99_999))).isPresent();
    }
}
