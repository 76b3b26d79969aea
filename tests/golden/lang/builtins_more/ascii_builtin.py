print(ascii('abc'), ascii('é'), ascii(['ü', 1]), ascii('€'), ascii('😀'))
