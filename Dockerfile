# syntax=docker/dockerfile:1
# planbot as a static, cgo-free binary on a distroless base, running as a
# non-root user. The default corpus is embedded; mount an edited corpus at
# /corpus and set PLANBOT_CORPUS_DIR=/corpus to use it instead. Settings
# (SQLite) live in the /data volume unless PLANBOT_DATABASE_URL is set.
#
#   docker build -t planbot .
#   docker run --rm --env-file .env -v planbot-data:/data planbot serve

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/planbot ./cmd/planbot \
 && mkdir -p /out/data /out/corpus

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/planbot /usr/local/bin/planbot
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build --chown=65532:65532 /out/corpus /corpus
# distroless :nonroot starts in /home/nonroot: start in / instead, so that
# a relative PLANBOT_DATA_DIR=data from an --env-file is the /data volume
# too, not a folder lost with the container.
WORKDIR /
ENV PLANBOT_DATA_DIR=/data
VOLUME ["/data", "/corpus"]
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["planbot"]
CMD ["serve"]
