import tracemalloc

tracemalloc.start()


class Config:
    default = object()
    limits = tuple([object()] * 70)


print(tracemalloc.get_object_traceback(Config.default)[0].lineno)
print(tracemalloc.get_object_traceback(Config.limits)[0].lineno)
