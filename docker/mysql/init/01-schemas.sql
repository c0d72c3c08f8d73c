-- The five schemas of DESIGN.md, one per owner; each owner creates its tables with Flyway.
-- A template: docker/mysql/render-sql fills in ${...} (docker compose's MySQL runs it on its first start, bin/split on
-- every `up`). SPLIT_SCHEMA_PREFIX is empty in a deployment; an isolated test stack sets it to get schemas of its own.
CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_portfolios` CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_stocks` CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_math_core` CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_events` CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS `${SPLIT_SCHEMA_PREFIX}split_logs` CHARACTER SET utf8mb4;
