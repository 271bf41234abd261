"""The main window's parts, each with one job (as qutebrowser's `mainwindow/`): the actions and
menus it is built from, the undoable commands, and the controllers behind its menus. The
window itself (`talentdesk.ui.main_window.MainWindow`) puts them together."""
