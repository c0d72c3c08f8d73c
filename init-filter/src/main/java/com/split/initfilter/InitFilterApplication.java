package com.split.initfilter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** init-filter: runs {@code initial_filter} from {@code init_filter_tasks} into split_math_core.initial_filtration. */
@SpringBootApplication
public class InitFilterApplication {

    public static void main(String[] args) {
        SpringApplication.run(InitFilterApplication.class, args);
    }
}
