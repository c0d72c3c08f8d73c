-- One user per service, allowed to write only what it owns (DESIGN.md, Databases). Runs on MySQL 8.4 and MariaDB 10.11,
-- and runs again on every `bin/split up`. Every service's user is made by the same two procedures, which live in a
-- schema of their own only while this file runs. In database-level grants `\_` is a literal underscore (a bare `_`
-- matches any character there).

CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user;
DROP PROCEDURE IF EXISTS `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner;

DELIMITER //

-- CREATE ... IF NOT EXISTS, then ALTER USER so that a changed password applies.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user(account VARCHAR(80), secret VARCHAR(1000))
BEGIN
    SET @statement = CONCAT('CREATE USER IF NOT EXISTS ', QUOTE(account), '@''%'' IDENTIFIED BY ', QUOTE(secret));
    PREPARE statement FROM @statement;
    EXECUTE statement;
    SET @statement = CONCAT('ALTER USER ', QUOTE(account), '@''%'' IDENTIFIED BY ', QUOTE(secret));
    PREPARE statement FROM @statement;
    EXECUTE statement;
    DEALLOCATE PREPARE statement;
END//

-- What an owner may do on `target` (a schema's tables or one table): what Flyway needs to migrate (CREATE, ALTER,
-- INDEX, DROP, REFERENCES) plus DML.
CREATE PROCEDURE `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner(account VARCHAR(80), target VARCHAR(200))
BEGIN
    SET @statement = CONCAT('GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES ON ', target,
                            ' TO ', QUOTE(account), '@''%''');
    PREPARE statement FROM @statement;
    EXECUTE statement;
    DEALLOCATE PREPARE statement;
END//

DELIMITER ;

CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}portfolio_mngr', '${SPLIT_PORTFOLIO_MNGR_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}portfolio_mngr', '`${SPLIT_SCHEMA_PREFIX}split\_portfolios`.*');

CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}yahoo_gateway', '${SPLIT_YAHOO_GATEWAY_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}yahoo_gateway', '`${SPLIT_SCHEMA_PREFIX}split\_stocks`.*');

-- init-filter and final-sel share split_math_core, one table each, each with its own Flyway history table. A grant on
-- a table that does not exist yet is accepted only with CREATE in it, which is why the owners' grants name it.
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}init_filter', '${SPLIT_INIT_FILTER_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}init_filter', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`initial_filtration`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}init_filter', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_initial_filtration`');
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}init_filter'@'%';

CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}final_sel', '${SPLIT_FINAL_SEL_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}final_sel', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`final_selections`');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}final_sel', '`${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_final_selections`');
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';
-- final-sel reads initial_filtration, which init-filter creates later: a SELECT-only grant on it would be refused now,
-- so final-sel reads the whole schema (its two tables and init-filter's two) and still writes only its own.
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_math\_core`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';

CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}event_srv', '${SPLIT_EVENT_SRV_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}event_srv', '`${SPLIT_SCHEMA_PREFIX}split\_events`.*');

CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.service_user('${SPLIT_SCHEMA_PREFIX}log_srv', '${SPLIT_LOG_SRV_DB_PASSWORD}');
CALL `${SPLIT_SCHEMA_PREFIX}split_setup`.grant_owner('${SPLIT_SCHEMA_PREFIX}log_srv', '`${SPLIT_SCHEMA_PREFIX}split\_logs`.*');

DROP DATABASE `${SPLIT_SCHEMA_PREFIX}split_setup`;
