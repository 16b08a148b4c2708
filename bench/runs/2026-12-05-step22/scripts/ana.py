import sys, re, collections
f=sys.argv[1]; grp=sys.argv[2]; depthfilter=sys.argv[3] if len(sys.argv)>3 else None
tot=collections.Counter(); selfc=collections.Counter(); n=0; allc=collections.Counter()
for line in open(f):
    stack,cnt=line.rsplit(' ',1); cnt=int(cnt)
    frames=stack.split(';'); th=re.sub(r'\d+','N',frames[0].split(' tid=')[0])
    allc[th]+=cnt
    if grp not in th: continue
    if depthfilter and depthfilter not in stack: continue
    n+=cnt
    seen=set()
    for fr in frames[1:]:
        fr=re.sub(r'0x[0-9a-f]+','X',fr)
        if fr in seen: continue
        seen.add(fr); tot[fr]+=cnt
    selfc[re.sub(r'0x[0-9a-f]+','X',frames[-1])]+=cnt
T=sum(allc.values())
print("threads:", ", ".join(f"{k} {100*v/T:.1f}%" for k,v in allc.most_common(12)))
print("group samples", n)
print("--- inclusive")
for k,v in tot.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 60): print(f"{100*v/n:5.1f} {k}")
print("--- self")
for k,v in selfc.most_common(25): print(f"{100*v/n:5.1f} {k}")
