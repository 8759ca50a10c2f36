excs = [ValueError(i) for i in range(17)]
raise BaseExceptionGroup('wide', excs + [KeyboardInterrupt()])
