package com.split.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.web.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTests {

    @Test
    void defaultsToTheFirstPage() {
        Paging paging = Paging.parse(null, " ");

        assertThat(paging).isEqualTo(new Paging(0, Paging.DEFAULT_SIZE));
        assertThat(Paging.parse("3", "10").offset()).isEqualTo(30);
    }

    @Test
    void refusesPagesOutOfRange() {
        assertThatThrownBy(() -> Paging.parse("-1", null)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Paging.parse(null, "0")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Paging.parse(null, String.valueOf(Paging.MAX_SIZE + 1)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void countsPagesRoundingUp() {
        Page<String> page = Page.of(List.of("a", "b"), new Paging(0, 2), 5);

        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(Page.of(List.of(), new Paging(0, 2), 0).totalPages()).isZero();
    }
}
