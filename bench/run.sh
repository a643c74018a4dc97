#!/usr/bin/env bash
# bench/run.sh: socklab against netcat-openbsd, socat, Go and Python on
# 127.0.0.1. See bench/README.md. Knobs (environment):
#   BENCH_GIB=1        GiB per pipe transfer        BENCH_RUNS=5   runs per cell (median)
#   BENCH_SECONDS=3    seconds per echo run         BENCH_HOLD=10000 held connections
#   BENCH_FLOOD=2000   clients that send 1 MB and never read
#   BENCH_PARTS="pipe tls echo hold flood start capture"  which parts to run
set -u
cd "$(dirname "$0")/.."
GIB=${BENCH_GIB:-1}
SECS=${BENCH_SECONDS:-3}
RUNS=${BENCH_RUNS:-5}
HOLD=${BENCH_HOLD:-10000}
FLOOD=${BENCH_FLOOD:-2000}
PARTS=${BENCH_PARTS:-"pipe tls echo hold flood start capture"}

tmp=$(mktemp -d)
pids=()
fails=0 # steps that failed: the script then exits 1
failed() { echo "  FAILED: $*" >&2; fails=$((fails + 1)); }
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$tmp/socklab" . && go build -o "$tmp/echoload" ./bench/echoload &&
	go build -o "$tmp/goecho" ./bench/goecho || exit 1
S=$tmp/socklab

have() { command -v "$1" >/dev/null 2>&1; }
missing() { echo "  skip $1: not installed (apt-get install netcat-openbsd socat iperf3 hyperfine)"; }
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
# waitport PORT: wait (at most 5 s) until something listens on 127.0.0.1:PORT.
waitport() {
	for _ in $(seq 100); do
		ss -Hltn "sport = :$1" | grep -q . && return 0
		sleep 0.05
	done
	echo "  nothing listens on port $1" >&2
	return 1
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
cpu() { awk '{print $2+$3}' "$1"; } # /usr/bin/time -f "%e %U %S"

# ---------------------------------------------------------------- 1. pipe
# recv_cmd TOOL PORT / send_cmd TOOL PORT: the receiving and sending ends.
recv_cmd() {
	case $1 in
	socklab) echo "$S nc -l 127.0.0.1 $2" ;;
	nc) echo "nc -l 127.0.0.1 $2" ;;
	socat) echo "socat -u TCP-LISTEN:$2,bind=127.0.0.1,reuseaddr STDOUT" ;;
	iperf3) echo "iperf3 -s -1 -B 127.0.0.1 -p $2" ;;
	esac
}
send_cmd() {
	case $1 in
	socklab) echo "$S nc -N 127.0.0.1 $2" ;;
	nc) echo "nc -N 127.0.0.1 $2" ;;
	socat) echo "socat -u STDIN TCP:127.0.0.1:$2" ;;
	iperf3) echo "iperf3 -c 127.0.0.1 -p $2 -n ${GIB}G" ;;
	esac
}

# transfer TOOL SOURCE: one timed transfer; appends "gibps sendcpu recvcpu"
# (CPU seconds per GiB) to $tmp/pipe.TOOL.SOURCE.
transfer() {
	local tool=$1 src=$2 port rpid t0 t1
	port=$(freeport)
	(exec timeout 600 /usr/bin/time -f "%e %U %S" -o "$tmp/recv.time" $(recv_cmd "$tool" "$port") >/dev/null 2>"$tmp/recv.err") &
	rpid=$!
	pids+=("$rpid")
	waitport "$port" || { failed "$tool from $src: the receiver did not start"; return 1; }
	t0=$(now)
	local sst rst
	if [ "$tool" = iperf3 ]; then
		/usr/bin/time -f "%e %U %S" -o "$tmp/send.time" $(send_cmd "$tool" "$port") >/dev/null
	elif [ "$src" = file ]; then
		/usr/bin/time -f "%e %U %S" -o "$tmp/send.time" $(send_cmd "$tool" "$port") <"$tmp/data"
	else
		head -c "${GIB}G" /dev/zero | /usr/bin/time -f "%e %U %S" -o "$tmp/send.time" $(send_cmd "$tool" "$port")
	fi
	sst=$?
	wait "$rpid"
	rst=$?
	t1=$(now)
	if [ "$sst" != 0 ] || [ "$rst" != 0 ]; then # a failed transfer must not count as a fast one
		failed "$tool from $src (sender $sst, receiver $rst): $(head -c 300 "$tmp/recv.err")"
		return 1
	fi
	echo "$t0 $t1 $GIB $(cpu "$tmp/send.time") $(cpu "$tmp/recv.time")" |
		awk '{d=$2-$1; printf "%.3f %.3f %.3f\n", $3/d, $4/$3, $5/$3}' >>"$tmp/pipe.$tool.$src"
}

bench_pipe() {
	echo "== 1. ${GIB} GiB through one TCP connection on 127.0.0.1 (median of $RUNS; sender and receiver are the same tool)"
	local tools=(socklab)
	for t in nc socat; do if have "$t"; then tools+=("$t"); else missing "$t"; fi; done
	have iperf3 || missing iperf3
	head -c "${GIB}G" /dev/zero >"$tmp/data"
	for _ in $(seq "$RUNS"); do
		for src in file pipe; do
			for t in "${tools[@]}"; do transfer "$t" "$src"; done
		done
		have iperf3 && transfer iperf3 mem
	done
	printf "  %-8s %-5s %8s %14s %14s %10s\n" tool from GiB/s "send CPU s/GiB" "recv CPU s/GiB" "vs nc"
	for src in file pipe mem; do
		local ncbw=""
		[ -f "$tmp/pipe.nc.$src" ] && ncbw=$(cut -d' ' -f1 "$tmp/pipe.nc.$src" | median)
		for t in "${tools[@]}" iperf3; do
			local f=$tmp/pipe.$t.$src
			[ -f "$f" ] || continue
			local bw sc rc ratio="-"
			bw=$(cut -d' ' -f1 "$f" | median)
			sc=$(cut -d' ' -f2 "$f" | median)
			rc=$(cut -d' ' -f3 "$f" | median)
			[ -n "$ncbw" ] && [ "$t" != iperf3 ] && ratio=$(awk -v a="$bw" -v b="$ncbw" 'BEGIN{printf "%.2fx", a/b}')
			printf "  %-8s %-5s %8s %14s %14s %10s\n" "$t" "$src" "$bw" "$sc" "$rc" "$ratio"
		done
	done
}

# ---------------------------------------------------------------- 1b. TLS
# tls_recv TOOL PORT / tls_send TOOL PORT: the two ends of a TLS transfer,
# each tool against itself, with a throw-away certificate.
tls_recv() {
	case $1 in
	socklab) echo "$S nc -l --ssl-cert $tmp/c.pem --ssl-key $tmp/k.pem 127.0.0.1 $2" ;;
	ncat) echo "ncat -l --recv-only --ssl --ssl-cert $tmp/c.pem --ssl-key $tmp/k.pem 127.0.0.1 $2" ;;
	socat) echo "socat -u OPENSSL-LISTEN:$2,bind=127.0.0.1,reuseaddr,cert=$tmp/c.pem,key=$tmp/k.pem,verify=0 STDOUT" ;;
	esac
}
tls_send() {
	case $1 in
	socklab) echo "$S nc -N --ssl 127.0.0.1 $2" ;;
	ncat) echo "ncat --send-only --ssl 127.0.0.1 $2" ;;
	socat) echo "socat -u STDIN OPENSSL:127.0.0.1:$2,verify=0" ;;
	esac
}

# tls_transfer TOOL: one timed transfer of GIB from a pipe; appends
# "gibps sendcpu recvcpu" to $tmp/tls.TOOL.
tls_transfer() {
	local tool=$1 port rpid t0 t1 sst rst got want
	port=$(freeport)
	# The receiver's bytes are counted: ncat --send-only closes without
	# TLS's close_notify (its receiver then exits 1), and was seen to lose
	# the end of the stream; the figure is over what arrived.
	(exec timeout 600 /usr/bin/time -f "%e %U %S" -o "$tmp/recv.time" $(tls_recv "$tool" "$port") 2>"$tmp/recv.err" | wc -c >"$tmp/recv.bytes") &
	rpid=$!
	pids+=("$rpid")
	waitport "$port" || { failed "TLS $tool: the receiver did not start"; return 1; }
	t0=$(now)
	head -c "${GIB}G" /dev/zero | /usr/bin/time -f "%e %U %S" -o "$tmp/send.time" $(tls_send "$tool" "$port") 2>>"$tmp/send.err"
	sst=$?
	wait "$rpid"
	rst=$?
	t1=$(now)
	got=$(cat "$tmp/recv.bytes")
	want=$((GIB << 30))
	if [ "$sst" != 0 ] || [ "${got:-0}" = 0 ] || { [ "$rst" != 0 ] && [ "$tool" != ncat ]; }; then
		failed "TLS $tool (sender $sst, receiver $rst, $got bytes): $(head -c 300 "$tmp/recv.err")"
		return 1
	fi
	[ "$got" != "$want" ] && echo "  note: $tool delivered $got of $want bytes" >>"$tmp/tls.notes"
	echo "$t0 $t1 $got $(cpu "$tmp/send.time") $(cpu "$tmp/recv.time")" |
		awk '{d=$2-$1; g=$3/1073741824; printf "%.3f %.3f %.3f\n", g/d, $4/g, $5/g}' >>"$tmp/tls.$tool"
}

bench_tls() {
	echo "== 1b. ${GIB} GiB over TLS from a pipe on 127.0.0.1 (median of $RUNS, tools alternating; each tool against itself)"
	have openssl || { missing openssl; return 0; }
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$tmp/k.pem" \
		-out "$tmp/c.pem" -subj /CN=localhost -days 1 2>/dev/null || { failed "openssl req"; return 1; }
	local tools=(socklab)
	for t in ncat socat; do if have "$t"; then tools+=("$t"); else missing "$t"; fi; done
	for _ in $(seq "$RUNS"); do
		for t in "${tools[@]}"; do tls_transfer "$t"; done
	done
	printf "  %-8s %8s %14s %14s %12s\n" tool GiB/s "send CPU s/GiB" "recv CPU s/GiB" "socklab vs"
	local sbw
	sbw=$(cut -d' ' -f1 "$tmp/tls.socklab" 2>/dev/null | median)
	for t in "${tools[@]}"; do
		local f=$tmp/tls.$t
		[ -f "$f" ] || continue
		local bw sc rc ratio="-"
		bw=$(cut -d' ' -f1 "$f" | median)
		sc=$(cut -d' ' -f2 "$f" | median)
		rc=$(cut -d' ' -f3 "$f" | median)
		[ "$t" != socklab ] && ratio=$(awk -v a="$sbw" -v b="$bw" 'BEGIN{printf "%.2fx", a/b}')
		printf "  %-8s %8s %14s %14s %12s\n" "$t" "$bw" "$sc" "$rc" "$ratio"
	done
	[ -f "$tmp/tls.notes" ] && sort "$tmp/tls.notes" | uniq -c | sed 's/^ */  /'
	return 0
}

# ---------------------------------------------------------------- servers

# start_server NAME PORT: start an echo server, set $spid.
start_server() {
	case $1 in
	socklab) "$S" scripts/echo.lua "127.0.0.1:$2" --quiet >/dev/null 2>"$tmp/$1.err" & ;;
	go) "$tmp/goecho" -addr "127.0.0.1:$2" 2>"$tmp/$1.err" & ;;
	python) python3 bench/pyecho.py "127.0.0.1:$2" 2>"$tmp/$1.err" & ;;
	esac
	spid=$!
	pids+=("$spid")
	waitport "$2"
}

bench_echo() {
	echo "== 2. echo round trips/s, 64-byte messages, ${SECS}s per run (median of $RUNS)"
	local servers=(socklab go) ports=()
	if have python3; then servers+=(python); else missing python3; fi
	declare -A port spids
	for s in "${servers[@]}"; do
		port[$s]=$(freeport)
		start_server "$s" "${port[$s]}" || { failed "the $s echo server did not start"; return; }
		spids[$s]=$spid
	done
	for _ in $(seq "$RUNS"); do
		for c in 1 50 500; do
			for s in "${servers[@]}"; do
				"$tmp/echoload" -addr "127.0.0.1:${port[$s]}" -c "$c" -d "${SECS}s" |
					sed -n 's/.*round_trips_per_s=\([0-9]*\) failures=\([0-9]*\).*/\1 \2/p' >>"$tmp/echo.$s.$c"
			done
		done
	done
	printf "  %-8s %12s %12s %12s %12s %12s\n" clients socklab go python socklab/go socklab/py
	for c in 1 50 500; do
		declare -A v=()
		for s in socklab go python; do
			v[$s]=-
			[ -f "$tmp/echo.$s.$c" ] && v[$s]=$(cut -d' ' -f1 "$tmp/echo.$s.$c" | median)
		done
		printf "  %-8s %12s %12s %12s %12s %12s\n" "$c" "${v[socklab]}" "${v[go]}" "${v[python]}" \
			"$(awk -v a="${v[socklab]}" -v b="${v[go]}" 'BEGIN{if (a+0>0 && b+0>0) printf "%.2f", a/b; else print "-"}')" \
			"$(awk -v a="${v[socklab]}" -v b="${v[python]}" 'BEGIN{if (a+0>0 && b+0>0) printf "%.2f", a/b; else print "-"}')"
	done
	# Each run measures the servers back to back, so the ratio within a run
	# is the one least moved by the VM's drift; show how far it spreads.
	for sc in go.1 go.50 go.500 python.500; do
		s=${sc%.*} c=${sc#*.}
		[ -f "$tmp/echo.$s.$c" ] || continue
		paste -d' ' "$tmp/echo.socklab.$c" "$tmp/echo.$s.$c" |
			awk '$1>0 && $3>0 {print $1/$3}' | sort -g |
			awk -v s="$s" -v c="$c" '{a[NR]=$1} END {if (NR) printf "  socklab/%s at %s %s, run by run: %.2f to %.2f (median %.2f)\n", s, c, (c == 1 ? "client" : "clients"), a[1], a[NR], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
	done
	if cat "$tmp"/echo.*.* 2>/dev/null | awk '$2>0 {f=1} END {exit !f}'; then
		failed "some echo runs had failed round trips"
	fi
	for s in "${servers[@]}"; do kill "${spids[$s]}" 2>/dev/null; done
}

bench_hold() {
	echo "== 3. peak RSS holding $HOLD idle connections (each verified by one round trip)"
	ulimit -n $((HOLD * 2 + 1024)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
	local servers=(socklab go)
	for s in "${servers[@]}"; do
		local p
		p=$(freeport)
		start_server "$s" "$p" || { failed "the $s echo server did not start"; continue; }
		printf "  %-8s %s\n" "$s" "$("$tmp/echoload" -addr "127.0.0.1:$p" -mode hold -c "$HOLD" -d 1s -pid "$spid" 2>&1 | tr '\n' ' ')"
		kill "$spid" 2>/dev/null || echo "  $s server died: $(tail -1 "$tmp/$s.err")"
	done
}

bench_flood() {
	echo "== 3b. echo.lua against $FLOOD clients that each send 1 MB and never read: peak RSS, and a new client's echo"
	ulimit -n $((FLOOD * 2 + 1024)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
	local p out
	p=$(freeport)
	start_server socklab "$p" || { failed "the socklab echo server did not start"; return; }
	out=$("$tmp/echoload" -addr "127.0.0.1:$p" -mode flood -c "$FLOOD" -size 1000000 -d 60s -pid "$spid" 2>&1) ||
		failed "flood: $out"
	echo "$out" | sed 's/^/  /'
	echo "$out" | awk -v n="$FLOOD" '/VmHWM/ {printf "  %.0f KiB per client that does not read (peak RSS / clients)\n", $2/n}'
	kill "$spid" 2>/dev/null || echo "  socklab server died: $(tail -1 "$tmp/socklab.err")"
}

bench_start() {
	echo "== 4. start-up: socklab running a script that prints one line"
	echo 'print("hello")' >"$tmp/hello.lua"
	if have hyperfine; then
		hyperfine -N -w 3 -r 30 --export-json "$tmp/h.json" "$S $tmp/hello.lua" >/dev/null 2>&1
		awk -F: '/"median"/ {gsub(/[ ,]/, "", $2); printf "  median %.2f ms (hyperfine, 30 runs)\n", $2*1000; exit}' "$tmp/h.json"
	else
		missing hyperfine
		for _ in $(seq 30); do
			local t0 t1
			t0=$(now); "$S" "$tmp/hello.lua" >/dev/null; t1=$(now)
			echo "$t0 $t1" | awk '{print ($2-$1)*1000}'
		done | median | awk '{printf "  median %.2f ms (bash loop, 30 runs)\n", $1}'
	fi
}

# ---------------------------------------------------------------- 5. capture
# bench_capture: socklab nc's transfer, alone and while another socklab
# session captures (capture on, its kernel filter on its own port).
bench_capture() {
	echo "== 5. capture: socklab nc, ${GIB} GiB, alone and while another socklab session has capture on (median of $RUNS)"
	if [ "$(id -u)" != 0 ]; then
		echo "  skip: capturing the machine's loopback needs root"
		return
	fi
	[ -f "$tmp/data" ] || head -c "${GIB}G" /dev/zero >"$tmp/data"
	local mode cpid
	for _ in $(seq "$RUNS"); do
		for mode in off on; do
			if [ "$mode" = on ]; then
				rm -f "$tmp/capin" && mkfifo "$tmp/capin"
				(exec timeout 900 "$S" <"$tmp/capin" >"$tmp/cap.out" 2>&1) &
				cpid=$!
				pids+=("$cpid")
				exec 9>"$tmp/capin"
				echo "listen 127.0.0.1:$(freeport)" >&9
				echo "capture on" >&9
				for _ in $(seq 100); do grep -q "^capture on" "$tmp/cap.out" && break; sleep 0.05; done
				grep -q "^capture on" "$tmp/cap.out" || { failed "capture did not start: $(head -c 300 "$tmp/cap.out")"; exec 9>&-; return 1; }
			fi
			rm -f "$tmp/pipe.socklab.file"
			transfer socklab file && cat "$tmp/pipe.socklab.file" >>"$tmp/cap.$mode"
			if [ "$mode" = on ]; then
				echo "capture off" >&9
				exec 9>&-
				wait "$cpid"
				grep -h "dropped" "$tmp/cap.out" >>"$tmp/cap.drops"
			fi
		done
	done
	local off on
	off=$(cut -d' ' -f1 "$tmp/cap.off" | median)
	on=$(cut -d' ' -f1 "$tmp/cap.on" | median)
	printf "  %-22s %8s GiB/s\n" "no capture" "$off" "capture on elsewhere" "$on"
	awk -v a="$on" -v b="$off" 'BEGIN{printf "  with capture: %.1f%% of the speed without\n", 100*a/b}'
	[ -s "$tmp/cap.drops" ] && sed 's/^/  /' "$tmp/cap.drops"
	return 0
}

for part in $PARTS; do "bench_$part"; done
if [ "$fails" -gt 0 ]; then
	echo "$fails step(s) failed (see FAILED above): figures with fewer runs than asked are medians of what ran" >&2
	exit 1
fi
