import sys, re, collections
f=sys.argv[1]; grp=sys.argv[2]
# component markers: first match from root to leaf wins the innermost listed
comps=[('journal write','MessageJournal.append'),('journal write','FileChannelImpl.write'),
 ('lookups', 'LruCache.get'),('lookups','WaitingMessages.withKey'),('lookups','findAllInMemory'),
 ('store (appendNow)','MessageWriteBehind.appendNow'),('sendDirectNow other','ConversationService.sendDirectNow'),
 ('encode','SioEncoder.encode'),('announce','ChatAnnouncer.newMessage'),('ack','SocketEvents.answer'),
 ('sio decode','SioParser.decode'),('ws decode','WebSocket08FrameDecoder'),('handler other','SocketEvents.runNow'),
 ('engine other','EngineSession.onWebSocketText'),
 ('flush (readComplete)','channelReadComplete'),('tasks','runAllTasks'),('epoll_wait','epollWait'),('read','doReadBytes'),('read','epollInReady')]
c=collections.Counter(); n=0
for line in open(f):
    stack,cnt=line.rsplit(' ',1); cnt=int(cnt)
    fr=stack.split(';')
    if grp not in fr[0]: continue
    n+=cnt
    kern = fr[-1].endswith('_[k]')
    comp='other'
    for name,m in comps:
        if any(m in x for x in fr): comp=name; break
    c[(comp,'kernel' if kern else 'user')]+=cnt
tot=collections.Counter()
for (comp,k),v in c.items(): tot[comp]+=v
for comp,v in tot.most_common():
    print(f"{100*v/n:5.1f}%  {comp:22s} user {100*c[(comp,'user')]/n:5.1f}  kernel {100*c[(comp,'kernel')]/n:5.1f}")
