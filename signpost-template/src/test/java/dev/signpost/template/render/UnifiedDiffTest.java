package dev.signpost.template.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    @Test
    void equalTexts_haveNoDiff() {
        assertThat(UnifiedDiff.diff("f", "a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void addedServerLine_showsAsOneHunkWithContext() {
        String before = "backend app\n  balance roundrobin\n  server a 1:1\n";
        String after = "backend app\n  balance roundrobin\n  server a 1:1\n  server b 1:2\n";
        assertThat(UnifiedDiff.diff("haproxy.cfg", before, after)).containsExactly(
                "--- haproxy.cfg", "+++ haproxy.cfg", "@@ -1,3 +1,4 @@", " backend app", "   balance roundrobin",
                "   server a 1:1", "+  server b 1:2");
    }

    @Test
    void changeInTheMiddle_showsThreeLinesOfContextEachSide() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.diff("f", before, after)).containsExactly("--- f", "+++ f", "@@ -2,7 +2,7 @@", " 2",
                " 3", " 4", "-5", "+five", " 6", " 7", " 8");
    }

    @Test
    void farApartChanges_makeTwoHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
        }
        String before = a.toString();
        String after = before.replaceFirst("(?m)^2$", "two").replaceFirst("(?m)^19$", "nineteen");
        assertThat(UnifiedDiff.diff("f", before, after)).filteredOn(l -> l.startsWith("@@")).containsExactly(
                "@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@");
    }

    @Test
    void fromEmpty_isAllAdditions() {
        assertThat(UnifiedDiff.diff("f", "", "x\n")).containsExactly("--- f", "+++ f", "@@ -0,0 +1 @@", "+x");
    }
}
