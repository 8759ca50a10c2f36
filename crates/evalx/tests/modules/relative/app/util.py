VALUE = 7
def helper():
    return 'helped'
