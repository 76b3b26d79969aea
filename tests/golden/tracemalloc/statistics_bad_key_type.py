import tracemalloc

tracemalloc.start()
snapshot = tracemalloc.take_snapshot()
for key, cumulative in (('foo', False), ('LINENO', False), ('traceback', True), (1, False)):
    try:
        snapshot.statistics(key, cumulative)
    except ValueError as e:
        print(e)
try:
    snapshot.compare_to(snapshot, 'bar')
except ValueError as e:
    print(e)
snapshot.statistics('file')
