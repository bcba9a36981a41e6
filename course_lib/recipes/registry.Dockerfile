# registry:2 from Debian's docker-registry package (the CNCF distribution server, 2.8)
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends docker-registry \
 && rm -rf /var/lib/apt/lists/*
EXPOSE 5000
CMD ["/usr/bin/docker-registry", "serve", "/etc/docker/registry/config.yml"]
