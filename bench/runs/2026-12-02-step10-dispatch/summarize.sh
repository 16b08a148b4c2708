#!/usr/bin/env bash
# summarize.sh LOG: one line per run (us per message; vol = voluntary switches per message)
awk 'function out(){ if(h!="") printf "%-28s loops %5.0f vol %.2f | carriers %5.0f vol %.2f | total %5.0f noJIT %5.0f | sysc loops %.2f carr %.2f all %.2f | %s\n", h, l, lv, f, fv, tot, tot-cn, sl, sf, st, res }
 /^####/{out(); h=$3" "$4" L"$6; l=lv=f=fv=tot=cn=sl=sf=st=0; res="(no result)"}
 /multiThreadIoEv  /{l=$5; lv=$12}
 /ForkJoinPool-N-  /{f=$5; fv=$12}
 /CN_CompilerThre  /{cn=$5}
 /^   TOTAL/{tot=$3}
 /multiThreadIoEv \(all/{sl=$3}
 /ForkJoinPool-N- \(all/{sf=$3}
 /^  TOTAL/{st=$2}
 /achievedRate/{res=$0; gsub(/"lost":0 "missingAcks":0 "ackErrors":0 |"serverCpuPercent.*|"achievedRate":/,"",res)}
 END{out()}' "$1"
