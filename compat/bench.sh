#!/usr/bin/env bash
# bench.sh runs the compat benchmarks, prints the benchstat table and the
# budget table (for each operation in memory: time official / cwlogs >= 2.5
# and allocations cwlogs / official <= 0.27; for GetIntegration also
# cwlogs / floor <= 1.10 and over loopback official / cwlogs >= 2.0), and
# measures the size and cold build time of the three one-call programs.
#
# Usage: compat/bench.sh [-count N] [-benchtime T] [-bench REGEXP] [-no-build] [-out DIR]
#
#   -count N      rounds (default 10, or $COUNT)
#   -benchtime T  go test -benchtime (default 1s, or $BENCHTIME)
#   -bench RE     benchmarks to run (default ".", or $BENCH)
#   -no-build     skip the binary size and cold build measurements
#   -out DIR      keep the raw output in DIR (default: a temporary folder)
#
# The benchmarks run in rounds: each round runs every benchmark once, in
# the order of the source, so the clients compared by a ratio are measured
# next to each other in every round, and a drift of the machine between
# rounds touches both. Each time ratio is given twice: from the medians of
# all rounds, and as the median of the ratios of each round (paired), with
# their range and the number of rounds that meet the target.
#
# Cold builds use a new, empty GOCACHE each, so the user's build cache is
# neither used nor wiped. The module cache must already hold the modules
# (go mod download), so that downloads are not timed.
set -euo pipefail

count=${COUNT:-10}
benchtime=${BENCHTIME:-1s}
bench=${BENCH:-.}
build=1
out=""
while [ $# -gt 0 ]; do
	case $1 in
	-count) count=$2; shift 2 ;;
	-benchtime) benchtime=$2; shift 2 ;;
	-bench) bench=$2; shift 2 ;;
	-no-build) build=0; shift ;;
	-out) out=$2; shift 2 ;;
	-h | -help | --help) sed -n '2,25p' "$0"; exit 0 ;;
	*) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")"
if [ -z "$out" ]; then
	out=$(mktemp -d)
fi
mkdir -p "$out"
benchstat_pkg=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

echo "# machine"
echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "go: $(go version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

go test -c -o "$out/compat.test" .
echo "# $count rounds of: go test -run '^\$' -bench '$bench' -benchmem -count 1 -benchtime $benchtime"
: >"$out/bench.txt"
for ((round = 1; round <= count; round++)); do
	"$out/compat.test" -test.run '^$' -test.bench "$bench" -test.benchmem -test.count 1 \
		-test.benchtime "$benchtime" | tee -a "$out/bench.txt"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "# benchstat"
go run "$benchstat_pkg" "$out/bench.txt" | tee "$out/benchstat.txt"
echo

# medians NAME UNIT prints the median of UNIT (ns/op, B/op, allocs/op) of
# benchmark NAME (without the -GOMAXPROCS suffix), or nothing.
medians() {
	awk -v want="$1" -v unit="$2" '
		$1 ~ /^Benchmark/ {
			name = $1; sub(/-[0-9]+$/, "", name)
			if (name != want) next
			for (i = 3; i < NF; i++) if ($(i+1) == unit) v[n++] = $i + 0
		}
		END {
			if (n == 0) exit
			for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			printf "%.6g\n", (n % 2) ? v[int(n/2)] : (v[n/2-1] + v[n/2]) / 2
		}' "$out/bench.txt"
}

# ratio A B prints A/B, or "n/a".
ratio() {
	if [ -z "$1" ] || [ -z "$2" ]; then echo "n/a"; return; fi
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f\n", a / b }'
}

# paired A B OP TARGET prints the median of the ratios of the ns/op of
# benchmarks A and B in each round (the i-th result of A over the i-th of
# B), their range, and in how many rounds the ratio meets OP TARGET; or
# "n/a".
paired() {
	awk -v a="$1" -v b="$2" -v op="$3" -v t="$4" '
		$1 ~ /^Benchmark/ {
			name = $1; sub(/-[0-9]+$/, "", name)
			for (i = 3; i < NF; i++) if ($(i+1) == "ns/op") {
				if (name == a) va[na++] = $i + 0
				if (name == b) vb[nb++] = $i + 0
			}
		}
		END {
			n = (na < nb) ? na : nb
			if (n == 0) { print "n/a"; exit }
			met = 0
			for (i = 0; i < n; i++) {
				r[i] = va[i] / vb[i]
				if ((op == ">=") ? (r[i] >= t) : (r[i] <= t)) met++
			}
			for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (r[j] < r[i]) { x = r[i]; r[i] = r[j]; r[j] = x }
			m = (n % 2) ? r[int(n/2)] : (r[n/2-1] + r[n/2]) / 2
			printf "%.3f (range %.3f to %.3f; met in %d of %d rounds)\n", m, r[0], r[n-1], met, n
		}' "$out/bench.txt"
}

# verdict VALUE OP TARGET prints "met" or "missed".
verdict() {
	if [ "$1" = "n/a" ]; then echo "n/a"; return; fi
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "missed" }'
}

row() { # row WHAT VALUE OP TARGET
	printf '| %s | %s | %s %s | %s |\n' "$1" "$2" "$3" "$4" "$(verdict "$2" "$3" "$4")"
}

# The operations measured in memory, each by $mem/OP/{cwlogs,official}:
# every operation the benchmarks ran, in the order they ran.
mem=BenchmarkInMemory
ops=$(awk -v mem="$mem" '$1 ~ "^" mem "/[^/]+/official" { n = $1; sub("^" mem "/", "", n); sub("/.*", "", n); if (!seen[n]++) print n }' "$out/bench.txt")

echo "# medians"
printf '| benchmark | ns/op | B/op | allocs/op |\n| --- | --- | --- | --- |\n'
for b in $(awk '$1 ~ /^Benchmark/ { n = $1; sub(/^Benchmark/, "", n); sub(/-[0-9]+$/, "", n); if (!seen[n]++) print n }' "$out/bench.txt"); do
	printf '| %s | %s | %s | %s |\n' "$b" "$(medians "Benchmark$b" ns/op)" "$(medians "Benchmark$b" B/op)" "$(medians "Benchmark$b" allocs/op)"
done
echo

# budget WHAT A B UNIT OP TARGET prints a row of the budget table: the ratio
# of the medians of UNIT of benchmarks A and B, the two medians, for a time
# ratio the ratios paired by round, the target and the verdict.
budget() {
	local a b r pr=""
	a=$(medians "$2" "$4")
	b=$(medians "$3" "$4")
	r=$(ratio "$a" "$b")
	if [ "$4" = ns/op ]; then
		pr=$(paired "$2" "$3" "$5" "$6")
	else
		pr="(exact)"
	fi
	printf '| %s | %s (%s / %s %s) | %s | %s %s | %s |\n' "$1" "$r" "${a:-n/a}" "${b:-n/a}" "$4" "$pr" "$5" "$6" "$(verdict "$r" "$5" "$6")"
}

echo "# budget (ratios of the medians; time ratios also paired by round: the median of the rounds' ratios)"
printf '| ratio | measured | paired by round | target | verdict |\n| --- | --- | --- | --- | --- |\n'
for op in $ops; do
	budget "$op in memory: time, official / cwlogs" "$mem/$op/official" "$mem/$op/cwlogs" ns/op ">=" 2.5
	budget "$op in memory: allocs, cwlogs / official" "$mem/$op/cwlogs" "$mem/$op/official" allocs/op "<=" 0.27
done
budget "GetIntegration in memory: time, cwlogs / floor" "$mem/GetIntegration/cwlogs" "$mem/GetIntegration/floor" ns/op "<=" 1.10
budget "GetIntegration loopback: time, official / cwlogs" BenchmarkLoopback/official BenchmarkLoopback/cwlogs ns/op ">=" 2.0
echo

echo "# ratios with no target (from the medians)"
printf '| ratio | measured |\n| --- | --- |\n'
printf '| GetIntegration in memory: allocs, cwlogs / floor | %s |\n' "$(ratio "$(medians "$mem/GetIntegration/cwlogs" allocs/op)" "$(medians "$mem/GetIntegration/floor" allocs/op)")"
for op in $ops; do
	printf '| %s in memory: bytes, cwlogs / official | %s |\n' "$op" "$(ratio "$(medians "$mem/$op/cwlogs" B/op)" "$(medians "$mem/$op/official" B/op)")"
done
printf '| parallel time, official / cwlogs | %s |\n' "$(ratio "$(medians BenchmarkParallel/official ns/op)" "$(medians BenchmarkParallel/cwlogs ns/op)")"
printf '| loopback time, official / floor | %s |\n' "$(ratio "$(medians BenchmarkLoopback/official ns/op)" "$(medians BenchmarkLoopback/floor ns/op)")"
printf '| loopback time, official / cwlogs-unsigned | %s |\n' "$(ratio "$(medians BenchmarkLoopback/official ns/op)" "$(medians BenchmarkLoopback/cwlogs-unsigned ns/op)")"

if [ "$build" = 1 ]; then
	echo
	echo "# one-call programs: cold build (empty GOCACHE) and binary size"
	printf '| program | cold build (s) | size (bytes) | size, stripped -s -w (bytes) |\n| --- | --- | --- | --- |\n'
	declare -A size
	for p in floor cwlogs official; do
		cache=$(mktemp -d)
		start=$(date +%s.%N)
		GOCACHE=$cache go build -o "$out/onecall-$p" "./cmd/onecall-$p"
		end=$(date +%s.%N)
		GOCACHE=$cache go build -ldflags='-s -w' -o "$out/onecall-$p-stripped" "./cmd/onecall-$p"
		rm -rf "$cache"
		size[$p]=$(stat -c %s "$out/onecall-$p")
		printf '| onecall-%s | %s | %s | %s |\n' "$p" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" \
			"${size[$p]}" "$(stat -c %s "$out/onecall-$p-stripped")"
	done
	echo
	printf '| ratio | measured | target | verdict |\n| --- | --- | --- | --- |\n'
	row "binary size, cwlogs / floor" "$(ratio "${size[cwlogs]}" "${size[floor]}")" "<=" 1.05
	printf '| binary size, official / floor | %s | (none) | |\n' "$(ratio "${size[official]}" "${size[floor]}")"
fi
echo
echo "raw output: $out"
