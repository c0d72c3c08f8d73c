package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ThrowawaySchemasTests {

    @Test
    void addsTheSchemaToAUrlWithoutDatabase() {
        assertThat(ThrowawaySchemas.withDatabase("jdbc:mysql://127.0.0.1:3306/", "split_test_1"))
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/split_test_1");
        assertThat(ThrowawaySchemas.withDatabase("jdbc:mysql://127.0.0.1:3306", "split_test_1"))
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/split_test_1");
    }

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertThat(ThrowawaySchemas.withDatabase(
                        "jdbc:mysql://localhost:32771/test?useSSL=false&allowPublicKeyRetrieval=true", "split_test_1"))
                .isEqualTo("jdbc:mysql://localhost:32771/split_test_1?useSSL=false&allowPublicKeyRetrieval=true");
        assertThat(ThrowawaySchemas.withDatabase("jdbc:mariadb://db1,db2:3307?sslMode=trust", "split_test_1"))
                .isEqualTo("jdbc:mariadb://db1,db2:3307/split_test_1?sslMode=trust");
    }

    @Test
    void rejectsUrlsWithoutHosts() {
        assertThatIllegalArgumentException().isThrownBy(() -> ThrowawaySchemas.withDatabase("jdbc:h2:mem:x", "s"));
    }
}
