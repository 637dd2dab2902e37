"""Self CPU time per op of a chrome trace from libtorch's profiler (tools/ProfileTrain.java, or a
twin's --profile): where training time goes, to compare fontgan with its PyTorch eager twin.

  python3 tools/profile_ops.py TRACE.json [TWIN_TRACE.json] [--iterations N] [--top 30]
"""
import argparse, collections, json


def self_times(path):
    """{op name: (self us, calls)}: an op's duration minus its direct children's, same thread."""
    with open(path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = [e for e in events if e.get("ph") == "X" and e.get("cat", "cpu_op") in ("cpu_op", "Operator", "operator")]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    total = collections.defaultdict(float)
    calls = collections.Counter()
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [end, name, child time]
        def pop():
            end, name, child, dur = stack.pop()
            total[name] += dur - child
        for e in evs:
            while stack and stack[-1][0] <= e["ts"]:
                pop()
            if stack:
                stack[-1][2] += e["dur"]
            stack.append([e["ts"] + e["dur"], e["name"], 0.0, e["dur"]])
            calls[e["name"]] += 1
        while stack:
            pop()
    return {k: (total[k], calls[k]) for k in total}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("traces", nargs="+")
    ap.add_argument("--iterations", type=int, default=1, help="iterations in each trace (per-iteration numbers)")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    tables = [self_times(p) for p in a.traces]
    names = sorted(set().union(*tables), key=lambda k: -max(t.get(k, (0, 0))[0] for t in tables))
    n = a.iterations
    print("ms/iter self, calls/iter: " + " | ".join(a.traces))
    for t in tables:
        print("total %.1f ms, %d calls" % (sum(v[0] for v in t.values()) / 1000 / n, sum(v[1] for v in t.values()) / n))
    for k in names[:a.top]:
        cols = ["%8.2f %5.0f" % (t.get(k, (0, 0))[0] / 1000 / n, t.get(k, (0, 0))[1] / n) for t in tables]
        print("%-42s %s" % (k[:42], " | ".join(cols)))


if __name__ == "__main__":
    main()
