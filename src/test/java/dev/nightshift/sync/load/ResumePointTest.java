package dev.nightshift.sync.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePointTest {

    @Test
    void theIncomingDatabaseAheadOfTheCheckpoint_readerOpensAtTheCheckpointAndSkipsWhatIsThere() {
        // given a kill between a chunk's commit in the incoming database and its checkpoint
        LoadProgress.Position committed = new LoadProgress.Position(9_000, 300);

        // when the copy resumes from a checkpoint at row 200
        ResumePoint resume = ResumePoint.of(committed, 6_000, 200);

        // then it reads on from the checkpoint and writes nothing before row 300
        assertThat(resume).isEqualTo(new ResumePoint(6_000, 200, 100));
        assertThat(resume.behindCheckpoint(200)).isFalse();
    }

    @Test
    void theIncomingDatabaseBehindTheCheckpoint_readerOpensAtTheIncomingDatabasesPosition() {
        // given a target server that lost its last asynchronous commits in a crash
        LoadProgress.Position committed = new LoadProgress.Position(3_000, 100);

        // when the copy resumes from a checkpoint at row 200
        ResumePoint resume = ResumePoint.of(committed, 6_000, 200);

        // then rows 101 to 200 are copied again
        assertThat(resume).isEqualTo(new ResumePoint(3_000, 100, 0));
        assertThat(resume.behindCheckpoint(200)).isTrue();
    }

    @Test
    void bothAgree_nothingToSkip() {
        assertThat(ResumePoint.of(new LoadProgress.Position(6_000, 200), 6_000, 200))
                .isEqualTo(new ResumePoint(6_000, 200, 0));
        assertThat(ResumePoint.of(new LoadProgress.Position(0, 0), 0, 0)).isEqualTo(new ResumePoint(0, 0, 0));
    }
}
