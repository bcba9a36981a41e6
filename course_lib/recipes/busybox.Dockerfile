# busybox from Debian's busybox-static: one static binary, its applets linked into /bin
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh"]
