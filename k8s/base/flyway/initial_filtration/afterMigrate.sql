-- A Flyway callback of init-filter's migrations in a deployment (spring.flyway.callback-locations: docker-compose.yml
-- mounts this folder at /etc/split/flyway, bin/split names it). After every migrate the migrator,
-- init_filter_migrator, which holds GRANT OPTION on initial_filtration alone, grants init-filter's runtime user (its
-- own name less `_migrator`) the rows of initial_filtration. The user setup (docker/mysql/init/02-users.sql) can
-- grant them only once the table exists: MySQL refuses a grant on a missing table unless it includes CREATE.
-- Does nothing when Flyway runs as a user not named *_migrator (one user for both, as in the services' own tests).
SET @split_migrator = SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
SET @split_host = SUBSTRING_INDEX(CURRENT_USER(), '@', -1);
SET @split_grant = IF(@split_migrator LIKE '%\_migrator',
    CONCAT('GRANT SELECT, INSERT, UPDATE, DELETE ON initial_filtration TO ',
           QUOTE(LEFT(@split_migrator, CHAR_LENGTH(@split_migrator) - CHAR_LENGTH('_migrator'))),
           '@', QUOTE(@split_host)),
    'DO 0');
PREPARE split_grant FROM @split_grant;
EXECUTE split_grant;
DEALLOCATE PREPARE split_grant;
