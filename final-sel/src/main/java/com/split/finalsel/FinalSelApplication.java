package com.split.finalsel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** final-sel: runs {@code final_selection} from {@code final_sel_tasks} into split_math_core.final_selections. */
@SpringBootApplication
public class FinalSelApplication {

    public static void main(String[] args) {
        SpringApplication.run(FinalSelApplication.class, args);
    }
}
