/**
 * Files of the simulated www/nginx package: nginx's conf/nginx.conf as the
 * port installs it (freebsd-ports www/nginx/files/patch-conf-nginx.conf:
 * the compiled-in error log note, `listen %%HTTP_PORT%%` = 80, roots under
 * /usr/local/www) and conf/mime.types. Shortened: nginx.conf starts at
 * `worker_processes` (the stock file's leading blank line and `#user
 * nobody;` are left out, so its first line is the one playbooks edit) and
 * ends after the default server, without the commented-out PHP and HTTPS
 * examples; mime.types keeps a few common types.
 */

export const NGINX_CONF_TEXT = `worker_processes  1;

# This default error log path is compiled-in to make sure configuration parsing
# errors are logged somewhere, especially during unattended boot when stderr
# isn't normally logged anywhere. This path will be touched on every nginx
# start regardless of error log location configured here. See
# https://trac.nginx.org/nginx/ticket/147 for more info. 
#
#error_log  /var/log/nginx/error.log;
#

#pid        logs/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       mime.types;
    default_type  application/octet-stream;

    #log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
    #                  '$status $body_bytes_sent "$http_referer" '
    #                  '"$http_user_agent" "$http_x_forwarded_for"';

    #access_log  logs/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    #keepalive_timeout  0;
    keepalive_timeout  65;

    #gzip  on;

    server {
        listen       80;
        server_name  localhost;

        #charset koi8-r;

        #access_log  logs/host.access.log  main;

        location / {
            root   /usr/local/www/nginx;
            index  index.html index.htm;
        }

        #error_page  404              /404.html;

        # redirect server error pages to the static page /50x.html
        #
        error_page   500 502 503 504  /50x.html;
        location = /50x.html {
            root   /usr/local/www/nginx-dist;
        }
    }
}
`;

export const MIME_TYPES_TEXT = `
types {
    text/html                                        html htm shtml;
    text/css                                         css;
    text/xml                                         xml;
    image/gif                                        gif;
    image/jpeg                                       jpeg jpg;
    application/javascript                           js;
    text/plain                                       txt;
    image/png                                        png;
    image/svg+xml                                    svg svgz;
    application/json                                 json;
    application/pdf                                  pdf;
    application/zip                                  zip;
}
`;
