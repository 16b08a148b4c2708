import sys, re, collections
f, grp, target = sys.argv[1], sys.argv[2], sys.argv[3]; up=int(sys.argv[4]) if len(sys.argv)>4 else 3
c=collections.Counter(); n=0
for line in open(f):
    stack,cnt=line.rsplit(' ',1); cnt=int(cnt)
    frames=[re.sub(r'0x[0-9a-f]+','X',x) for x in stack.split(';')]
    if grp not in frames[0]: continue
    n+=cnt
    idx=[i for i,x in enumerate(frames) if target in x]
    if not idx: continue
    i=idx[0]
    path=[x for x in frames[max(1,i-up*3):i+1] if 'invoke' not in x and 'LambdaForm' not in x and 'Lambda.X' not in x][-up-1:]
    c[' < '.join(reversed(path))]+=cnt
for k,v in c.most_common(15): print(f"{100*v/n:5.1f} {k}")
