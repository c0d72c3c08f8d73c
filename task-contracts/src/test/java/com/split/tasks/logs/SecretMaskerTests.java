package com.split.tasks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            password=hunter2 rejected                          | password=**** rejected
            login failed for bob (password: hunter2)           | login failed for bob (password: ****)
            spring.datasource.password = s3cr3t                | spring.datasource.password = ****
            DB_PASSWORD=s3cr3t, retrying                       | DB_PASSWORD=****, retrying
            {"user":"bob","password":"hunter2","n":1}          | {"user":"bob","password":"****","n":1}
            {"password": "with spaces inside"}                 | {"password": "****"}
            {\\"password\\":\\"hunter2\\"}                     | {\\"password\\":\\"****\\"}
            `secret='abc def' kept`                            | `secret='****' kept`
            client_secret=abc&grant_type=x                     | client_secret=****&grant_type=x
            access_token=eyJhbGciOi.payload.sig                | access_token=****
            X-Api-Key: 0123456789abcdef                        | X-Api-Key: ****
            apiKey=0123456789abcdef                            | apiKey=****
            Authorization: Bearer eyJhbGciOi.payload.sig       | Authorization: Bearer ****
            "Authorization":"Basic dXNlcjpwYXNz"               | "Authorization":"Basic ****"
            proxy-authorization=Digest abcdef                  | proxy-authorization=Digest ****
            calling with bearer eyJhbGciOi.payload.sig now     | calling with bearer **** now
            redis://default:s3cr3t@redis.internal:6379/0       | redis://default:****@redis.internal:6379/0
            rediss://:s3cr3t@redis.internal:6380               | rediss://:****@redis.internal:6380
            redis://s3cr3t@redis.internal:6379                 | redis://****@redis.internal:6379
            jdbc:mysql://app:s3cr3t@db:3306/split              | jdbc:mysql://app:****@db:3306/split
            jdbc:mysql://db:3306/split?user=app&password=s3cr3t&ssl=true | jdbc:mysql://db:3306/split?user=app&password=****&ssl=true
            fetching https://bob:s3cr3t@example.com/x failed   | fetching https://bob:****@example.com/x failed
            no secret at http://example.com:8080/path?q=1      | no secret at http://example.com:8080/path?q=1
            the password was wrong for user bob                | the password was wrong for user bob
            Basic checks passed in 12 ms                       | Basic checks passed in 12 ms
            AAPL close 187.5: 3 rows written                   | AAPL close 187.5: 3 rows written
            """)
    void masksSecretsAndKeepsTheRest(String text, String masked) {
        assertThat(SecretMasker.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            password=**** rejected
            redis://default:****@host
            Authorization: Bearer ****
            """)
    void maskingTwiceChangesNothing(String masked) {
        assertThat(SecretMasker.mask(masked)).isEqualTo(masked);
    }

    @Test
    void longTextTakesLinearTime() {
        String blob = "token " + "x".repeat(1_000_000) + " password=" + "y".repeat(1_000_000);

        String masked = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> SecretMasker.mask(blob));

        assertThat(masked).isEqualTo("token " + "x".repeat(1_000_000) + " password=****");
    }
}
