package dev.nightshift;

import dev.nightshift.cli.NightshiftCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of nightshift.jar: every run is a command line, parsed before Spring starts. */
@SpringBootApplication
public class NightshiftApplication {

    public static void main(String[] args) {
        System.exit(NightshiftCli.execute(args));
    }
}
