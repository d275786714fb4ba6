# The image's agent defaults, as progrium/consul's /config held them; flags given to `docker run` override them.
data_dir    = "/data"
client_addr = "0.0.0.0"
ports {
  dns = 53
}
# `docker stop` (SIGTERM) leaves the cluster gracefully, so the other members see "left" rather than "failed".
leave_on_terminate = true
