"""The one list of the areas whose texts are not translated yet (issue 13, point 7).

Other branches were changing these modules while the French pass was made; the integrator
translates them (docs/translations.md) and removes each entry: the French UI tests
(tests/gui/test_french_ui.py, tests/e2e/test_app_french.py) then check those areas too.
Keys are module names (a package covers its modules); values say what the user sees there.
"""

PENDING_TRANSLATION = {
    "desktop.ui.settings": "Settings > Salesforce (ui/settings/*)",
    "desktop.ui.sync_status": "the Sync page, and the last-sync summary in the status bar "
                              "(ui/sync_status/*)",
    "desktop.ui.tray": "the tray icon's tooltip, menu and balloons (ui/tray/*)",
    "desktop.ui.banner": "the error banner's buttons (ui/banner.py)",
    "desktop.ui.picker.panel": "the picker's results and tree footer (ui/picker/panel.py)",
    "desktop.ui.picker.search_model": "the picker's results (ui/picker/search_model.py)",
    "desktop.ui.picker.tree_model": "the picker's tree (ui/picker/tree_model.py)",
    "desktop.ui.picker.tree_view": "the picker's tree (ui/picker/tree_view.py)",
    "desktop.services.sync_service": "sync messages shown in the banner and status bar "
                                     "(services/sync_service.py)",
}


def is_pending(module: str) -> bool:
    return any(module == area or module.startswith(area + ".") for area in PENDING_TRANSLATION)
