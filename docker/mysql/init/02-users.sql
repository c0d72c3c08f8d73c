-- One user per service, allowed to write only what it owns (DESIGN.md, Databases). Runs on MySQL 8.4 and MariaDB 10.11,
-- and runs again on every `bin/split up`: CREATE ... IF NOT EXISTS, then ALTER USER so that a changed password applies.
-- `owner` privileges are what Flyway needs to migrate (CREATE, ALTER, INDEX, DROP, REFERENCES) plus DML. In database-level
-- grants `\_` is a literal underscore (a bare `_` matches any character there).

CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}portfolio_mngr'@'%' IDENTIFIED BY '${SPLIT_PORTFOLIO_MNGR_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}portfolio_mngr'@'%' IDENTIFIED BY '${SPLIT_PORTFOLIO_MNGR_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split\_portfolios`.* TO '${SPLIT_SCHEMA_PREFIX}portfolio_mngr'@'%';

CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}yahoo_gateway'@'%' IDENTIFIED BY '${SPLIT_YAHOO_GATEWAY_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}yahoo_gateway'@'%' IDENTIFIED BY '${SPLIT_YAHOO_GATEWAY_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}yahoo_gateway'@'%';

-- init-filter and final-sel share split_math_core, one table each, each with its own Flyway history table. A grant on
-- a table that does not exist yet is accepted only with CREATE in it, which is why the owners' grants name it.
CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}init_filter'@'%' IDENTIFIED BY '${SPLIT_INIT_FILTER_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}init_filter'@'%' IDENTIFIED BY '${SPLIT_INIT_FILTER_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split_math_core`.`initial_filtration` TO '${SPLIT_SCHEMA_PREFIX}init_filter'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_initial_filtration` TO '${SPLIT_SCHEMA_PREFIX}init_filter'@'%';
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}init_filter'@'%';

CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}final_sel'@'%' IDENTIFIED BY '${SPLIT_FINAL_SEL_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}final_sel'@'%' IDENTIFIED BY '${SPLIT_FINAL_SEL_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split_math_core`.`final_selections` TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split_math_core`.`flyway_history_final_selections` TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_stocks`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';
-- final-sel reads initial_filtration, which init-filter creates later: a SELECT-only grant on it would be refused now,
-- so final-sel reads the whole schema (its two tables and init-filter's two) and still writes only its own.
GRANT SELECT ON `${SPLIT_SCHEMA_PREFIX}split\_math\_core`.* TO '${SPLIT_SCHEMA_PREFIX}final_sel'@'%';

CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}event_srv'@'%' IDENTIFIED BY '${SPLIT_EVENT_SRV_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}event_srv'@'%' IDENTIFIED BY '${SPLIT_EVENT_SRV_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split\_events`.* TO '${SPLIT_SCHEMA_PREFIX}event_srv'@'%';

CREATE USER IF NOT EXISTS '${SPLIT_SCHEMA_PREFIX}log_srv'@'%' IDENTIFIED BY '${SPLIT_LOG_SRV_DB_PASSWORD}';
ALTER USER '${SPLIT_SCHEMA_PREFIX}log_srv'@'%' IDENTIFIED BY '${SPLIT_LOG_SRV_DB_PASSWORD}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES
    ON `${SPLIT_SCHEMA_PREFIX}split\_logs`.* TO '${SPLIT_SCHEMA_PREFIX}log_srv'@'%';
