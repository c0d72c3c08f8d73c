package com.split.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.web.security.SplitRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.ErrorResponseException;

class ActorTests {

    @Test
    void aViewerSeesItsOwnPortfoliosOnly() {
        Actor alice = Actor.of(caller("alice", SplitRole.VIEWER));

        assertThat(alice.sees("alice")).isTrue();
        assertThat(alice.sees("bob")).isFalse();
    }

    @Test
    void anOperatorSeesEveryonesPortfolios() {
        Actor operator = Actor.of(caller("ops", SplitRole.OPERATOR));

        assertThat(operator.operator()).isTrue();
        assertThat(operator.sees("bob")).isTrue();
    }

    @Test
    void refusesAPrincipalWhoseNameCannotBeAUserId() {
        assertThatThrownBy(() -> Actor.of(caller("two words", SplitRole.VIEWER)))
                .isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("403");
    }

    private static UsernamePasswordAuthenticationToken caller(String name, SplitRole role) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(role.authority()));
    }
}
