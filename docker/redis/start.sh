#!/bin/sh
# The command of docker-compose.yml's Redis: renders the ACL users of users.acl from the passwords in the container's
# environment (SPLIT_REDIS_PASSWORD for `default`, SPLIT_<SERVICE>_REDIS_PASSWORD for each service) into the tmpfs
# /tmp, then runs redis-server with them and with the options it was given:
#   sh /etc/split/redis/start.sh --appendonly yes ...
# The root filesystem is read-only: /tmp is the only place to write the file, which holds password hashes only and is
# readable by the Redis user alone. bin/split renders the same file for the Redis it starts.
set -eu
umask 077
acl=/tmp/users.acl
SPLIT_KEY_PREFIX=${SPLIT_KEY_PREFIX:-split} sh /etc/split/redis/render-acl /etc/split/redis/users.acl >"$acl.part"
mv "$acl.part" "$acl"
exec redis-server --aclfile "$acl" "$@"
