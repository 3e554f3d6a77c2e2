"""The MkDocs hook file named in mkdocs.yml.

MkDocs loads hooks from a file, not a package, so this file only re-exports
the event handlers of ``waypost.mkdocs_adapter``. The import must happen at
the top: the hooks folder is on ``sys.path`` only while this file runs.
"""

from waypost.mkdocs_adapter import (  # noqa: F401
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_pre_build,
    on_serve,
    on_startup,
    on_template_context,
)
