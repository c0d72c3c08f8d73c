# Sourced (it is not executable) by the MySQL image's entrypoint on the first start, when the data volume is empty:
# creates the schemas and each service's runtime user and Flyway migrator from the same SQL that bin/split runs.
# docker_process_sql is the entrypoint's root client over the socket.
sh /etc/split/mysql/render-sql /etc/split/mysql/init/*.sql | docker_process_sql
