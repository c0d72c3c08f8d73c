-- Two users per service that owns tables (DESIGN.md, Databases): a migrator, which Flyway connects as
-- (spring.flyway.user) and which may change the structure of what the service owns and nothing else, and the runtime
-- user the service itself connects as (spring.datasource.username), which may only read and write rows: SELECT,
-- INSERT, UPDATE, DELETE on what it owns, plus the reads DESIGN.md allows across owners (init-filter and final-sel
-- read split_stocks, portfolio-mngr too for the page's price chart; final-sel reads initial_filtration). A stolen runtime password cannot drop or alter a table.
-- Runs on MySQL 8.4 and MariaDB 10.11, once on compose's first start and again on every `bin/split up`, so each step
-- is idempotent and a changed password takes effect. The users are made by the procedures below, which live in a
-- schema of their own only while this file runs. In database-level grants `\_` is a literal underscore (a bare `_`
-- matches any character there).
--
-- split_math_core has two owners with one table each, and MySQL accepts a grant on a table that does not exist yet
-- only when it includes CREATE: a runtime user cannot be granted DML on initial_filtration before init-filter's
-- Flyway has created it. So each of the two migrators holds GRANT OPTION on its own table, and grants the runtime
-- user its DML there after every migration (the Flyway callback docker/mysql/flyway/<table>/afterMigrate.sql, which
-- spring.flyway.callback-locations names); this file grants the same whenever the table already exists.
--
-- A migrator is named after its runtime user with `_migrator` appended (the callback relies on it); MySQL allows 32
-- characters in a user name (MariaDB 80), which limits SPLIT_SCHEMA_PREFIX to 9 characters on MySQL.

CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.run;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime_table;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from;

DELIMITER //

CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.run(statement_text VARCHAR(2000))
BEGIN
    SET @statement = statement_text;
    PREPARE statement FROM @statement;
    EXECUTE statement;
    DEALLOCATE PREPARE statement;
END//

-- CREATE ... IF NOT EXISTS, then ALTER USER so that a changed password applies.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user(account VARCHAR(80), secret VARCHAR(1000))
BEGIN
    CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.run(
        CONCAT('CREATE USER IF NOT EXISTS ', QUOTE(account), '@''%'' IDENTIFIED BY ', QUOTE(secret)));
    CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.run(CONCAT('ALTER USER ', QUOTE(account), '@''%'' IDENTIFIED BY ', QUOTE(secret)));
END//

-- What Flyway needs on `target` (a schema's tables or one table) to migrate it: CREATE, ALTER, INDEX, DROP,
-- REFERENCES, and DML for its history table and for data migrations. `options` is '' or ' WITH GRANT OPTION'.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator(account VARCHAR(80), target VARCHAR(200),
                                                                    options VARCHAR(40))
BEGIN
    CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.run(
        CONCAT('GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON ', target, ' TO ',
               QUOTE(account), '@''%''', options));
END//

-- Rows only.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime(account VARCHAR(80), target VARCHAR(200))
BEGIN
    CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.run(
        CONCAT('GRANT SELECT, INSERT, UPDATE, DELETE ON ', target, ' TO ', QUOTE(account), '@''%'''));
END//

-- Rows only, on one table, when it exists (else its migrator's callback grants them once it has created it).
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime_table(account VARCHAR(80), target_schema VARCHAR(80),
                                                                         target_table VARCHAR(80))
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = target_schema AND table_name = target_table) THEN
        CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime(account,
            CONCAT('`', target_schema, '`.`', target_table, '`'));
    END IF;
END//

-- Takes `privileges` on `target` from a runtime user: what an earlier version of this file granted it (it once
-- migrated its own tables). "There is no such grant" (1141 on a schema, 1147 on a table): nothing to take.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from(account VARCHAR(80), privileges VARCHAR(200),
                                                                 target VARCHAR(200))
BEGIN
    DECLARE CONTINUE HANDLER FOR 1141, 1147 BEGIN END;
    CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.run(
        CONCAT('REVOKE ', privileges, ' ON ', target, ' FROM ', QUOTE(account), '@''%'''));
END//

DELIMITER ;

-- portfolio-mngr: split_portfolios; reads split_stocks (the closes behind a run's recommendations).
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}portfolio_mngr_migrator', '${SPLIT_PORTFOLIO_MNGR_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}portfolio_mngr_migrator', '`${SPLIT_SCHEMA_PREFIX}split\_portfolios`.*', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}portfolio_mngr', '${SPLIT_PORTFOLIO_MNGR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}portfolio_mngr', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split\_portfolios`.*');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime('${SPLIT_SCHEMA_PREFIX}portfolio_mngr', '`${SPLIT_SCHEMA_PREFIX}split\_portfolios`.*');
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}portfolio_mngr'@'%';

-- yahoo-gateway: split_stocks.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}yahoo_gateway_migrator', '${SPLIT_YAHOO_GATEWAY_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}yahoo_gateway_migrator', '`${SPLIT_SCHEMA_PREFIX}split\_stocks`.*', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}yahoo_gateway', '${SPLIT_YAHOO_GATEWAY_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}yahoo_gateway', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split\_stocks`.*');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime('${SPLIT_SCHEMA_PREFIX}yahoo_gateway', '`${SPLIT_SCHEMA_PREFIX}split\_stocks`.*');

-- init-filter: the table split_math_core.initial_filtration and its own Flyway history table; reads split_stocks.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}init_filter_migrator', '${SPLIT_INIT_FILTER_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}init_filter_migrator', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`initial_filtration`', ' WITH GRANT OPTION');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}init_filter_migrator', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_initial_filtration`', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}init_filter', '${SPLIT_INIT_FILTER_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}init_filter', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`initial_filtration`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}init_filter', 'ALL PRIVILEGES', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_initial_filtration`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime_table('${SPLIT_SCHEMA_PREFIX}init_filter', '${SPLIT_SCHEMA_PREFIX}split_math_core', 'initial_filtration');
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}init_filter'@'%';

-- final-sel: the table split_math_core.final_selections and its own Flyway history table; reads split_stocks, and
-- initial_filtration, which init-filter creates later: a SELECT-only grant on it would be refused now, so final-sel
-- reads the whole schema (its two tables and init-filter's two) and still writes only its own.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}final_sel_migrator', '${SPLIT_FINAL_SEL_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}final_sel_migrator', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`final_selections`', ' WITH GRANT OPTION');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}final_sel_migrator', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_final_selections`', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}final_sel', '${SPLIT_FINAL_SEL_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}final_sel', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`final_selections`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}final_sel', 'ALL PRIVILEGES', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_final_selections`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime_table('${SPLIT_SCHEMA_PREFIX}final_sel', '${SPLIT_SCHEMA_PREFIX}split_math_core', 'final_selections');
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_math\_core`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';

-- event-srv: split_events.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}event_srv_migrator', '${SPLIT_EVENT_SRV_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}event_srv_migrator', '`${SPLIT_SCHEMA_PREFIX}split\_events`.*', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}event_srv', '${SPLIT_EVENT_SRV_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}event_srv', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split\_events`.*');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime('${SPLIT_SCHEMA_PREFIX}event_srv', '`${SPLIT_SCHEMA_PREFIX}split\_events`.*');

-- log-srv: split_logs.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}log_srv_migrator', '${SPLIT_LOG_SRV_MIGRATOR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_migrator('${SPLIT_SCHEMA_PREFIX}log_srv_migrator', '`${SPLIT_SCHEMA_PREFIX}split\_logs`.*', '');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}log_srv', '${SPLIT_LOG_SRV_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.revoke_from('${SPLIT_SCHEMA_PREFIX}log_srv', 'CREATE, ALTER, INDEX, DROP, REFERENCES, GRANT OPTION', '`${SPLIT_SCHEMA_PREFIX}split\_logs`.*');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_runtime('${SPLIT_SCHEMA_PREFIX}log_srv', '`${SPLIT_SCHEMA_PREFIX}split\_logs`.*');

DROP DATABASE `${SPLIT_SCHEMA_PREFIX}split_setup`;
