# The image's agent defaults, as progrium/consul's /config held them; flags given to `docker run` override them.
data_dir    = "/data"
client_addr = "0.0.0.0"
ports {
  dns = 53
}
# `docker stop` (SIGTERM) leaves the cluster gracefully, so the other members see "left" rather than "failed";
# `docker start` (or --restart=always) then finds the other servers again from the Raft data in /data, as the
# seed's first server, which has no -join, needs after a leave.
leave_on_terminate = true
rejoin_after_leave = true
