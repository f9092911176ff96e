# chitieu: a static binary on a distroless image, run as a non-root user.
# docker build -t chitieu . && docker run --env-file chitieu.env chitieu
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/chitieu ./cmd/chitieu

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/chitieu /usr/local/bin/chitieu
COPY plans /etc/chitieu/plans
ENV CHITIEU_PLAN=/etc/chitieu/plans/tayho-2020-2025.yaml \
    CHITIEU_LISTEN=:8080
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/chitieu"]
CMD ["serve"]
