# compilations.py JSON T0NS: `jfr print --json --events jdk.Compilation` as one line per compilation:
# start (ms since launch), duration (ms), level, bytes of bytecode inlined, method
import datetime, json, re, sys
t0 = int(sys.argv[2]) / 1e6
def seconds(iso):  # PT0.001234S, PT1M2.5S
    m = re.fullmatch(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    return int(m.group(1) or 0) * 60 + float(m.group(2) or 0)
for e in json.load(open(sys.argv[1]))["recording"]["events"]:
    v = e["values"]
    start = datetime.datetime.fromisoformat(v["startTime"]).timestamp() * 1000 - t0
    m = v["method"]
    name = m["type"]["name"] + "." + m["name"]
    print(f'{start:.0f} {seconds(v["duration"]) * 1000:.2f} {v["compileLevel"]} {v.get("inlinedBytes", 0)} {name}')
