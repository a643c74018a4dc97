package netcat

// usageLine is nc's synopsis, printed (in the catalog's "usage: %s") after
// a usage error and at the head of the help (words key nc.help).
const usageLine = "socklab nc [-46CdhklNnUuvz] [-p port] [-q secs] [-s addr] [-w secs] [--ssl ...] [host] port[s] | -U path"
