package com.commercesuite.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTests {

    @Test
    void idsAreVersion7AndSortInCreationOrder() {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(EventIds.next());
        }

        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ids).doesNotHaveDuplicates();
        // Unsigned comparison of the high bits is creation order for version 7 ids.
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Long.compareUnsigned(ids.get(i - 1).getMostSignificantBits(), ids.get(i).getMostSignificantBits()))
                    .isNegative();
        }
    }
}
