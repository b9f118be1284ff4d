# shellcheck shell=bash
# nginx helpers shared by scripts/e2e and scripts/check-deploy. Sourced, never executed.

# Writes $1/nginx.conf: a main configuration for an nginx run as an ordinary process
# with every path (pid, logs, temporary files) under directory $1, including the site
# file $2 at http level, as /etc/nginx/nginx.conf includes sites-enabled/*.
# As root the workers run as www-data (Debian's nginx user), which needs to write only
# the temporary directory.
sheaf_nginx_main_conf() {
  local dir="$1" site="$2" user_line=""
  mkdir -p "$dir/tmp"
  chmod 777 "$dir/tmp"
  [[ $EUID -eq 0 ]] && user_line="user www-data;"
  cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $site;
}
CONF
}

# Makes a throwaway self-signed certificate for sheaf.example.com and 127.0.0.1 in
# $1/fullchain.pem and $1/privkey.pem.
sheaf_nginx_throwaway_certificate() {
  mkdir -p "$1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=sheaf.example.com \
    -addext "subjectAltName=DNS:sheaf.example.com,IP:127.0.0.1" -keyout "$1/privkey.pem" -out "$1/fullchain.pem" 2>/dev/null
}
