"""Qt tests run the way a user starts the app: Chinese translations installed."""
import pytest


@pytest.fixture(autouse=True, scope="session")
def _chinese_qt(qapp):
    from desktop.translator import install_language
    install_language(qapp, "zh_CN")
    yield
