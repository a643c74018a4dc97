// Package capture sees the packets of a session's sockets: it opens a packet
// socket (AF_PACKET, Linux only) with a kernel filter for the ports that
// matter, decodes each TCP segment or UDP datagram into facts ([Packet]),
// follows every connection to give sequence numbers relative to each side's
// first and to name retransmissions, keep-alives and zero windows
// ([Tracker]), and writes pcap files that Wireshark and tcpdump read
// ([PcapWriter]).
//
// It returns facts only; the shell words and draws them.
package capture
