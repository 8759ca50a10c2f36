__all__ = ['NAME']
NAME = 'leaf'
