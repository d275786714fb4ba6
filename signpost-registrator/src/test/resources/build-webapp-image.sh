#!/usr/bin/env bash
# Builds the seed's training/webapp image locally, with no registry: a static busybox root file system serving
# "Hello world!" on port 5000 (shared/DESIGN.md). The registrator tests do the same in Java (DockerCli); this copy is
# for scripts and demos. Usage: build-webapp-image.sh [TAG]   (default training/webapp; needs busybox-static)
set -euo pipefail
tag=${1:-training/webapp}
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "no $busybox: apt-get install -y busybox-static" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/www" "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in sh httpd test touch sleep rm; do ln -s busybox "$root/bin/$applet"; done
echo 'Hello world!' > "$root/www/index.html"
tar -C "$root" -c . | docker import -c 'EXPOSE 5000' \
    -c 'CMD ["/bin/httpd","-f","-p","5000","-h","/www"]' - "$tag" > /dev/null
echo "built $tag"
