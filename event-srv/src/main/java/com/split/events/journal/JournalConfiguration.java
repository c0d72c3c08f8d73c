package com.split.events.journal;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class JournalConfiguration {

    @Bean
    JournalIngestor journalIngestor(
            BusRedis redis,
            RedisKeys keys,
            TaskCodec codec,
            JournalRepository journal,
            EventsProperties properties,
            Environment environment) {
        String consumer = properties.consumerName() != null
                ? properties.consumerName()
                : defaultConsumerName(environment.getProperty("spring.application.name", "event-srv"));
        return new JournalIngestor(redis, keys, codec, journal, properties, consumer);
    }

    /** {@code <application>-<host>-<random>}, as the bus names its workers: unique per process, readable in XINFO. */
    static String defaultConsumerName(String application) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return application + "-" + host + "-" + HexFormat.of().formatHex(random);
    }
}
