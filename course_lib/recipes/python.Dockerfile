# python:3.11-slim from Debian bookworm's packages (Python 3.11): the full standard library,
# venv and pip, with `python` and `pip` on the PATH as in Docker's own image.
FROM debian:bookworm-slim
ENV LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv python3-pip ca-certificates \
 && rm -rf /var/lib/apt/lists/* /usr/lib/python3*/EXTERNALLY-MANAGED \
 && ln -s /usr/bin/python3 /usr/local/bin/python \
 && ln -s /usr/bin/pip3 /usr/local/bin/pip
CMD ["python3"]
