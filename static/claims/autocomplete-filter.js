'use strict';
// The claim changelist's autocomplete filters (claims/admin.py AutocompleteFilter): choosing
// a speaker or an article in the admin's select2 box shows the list filtered by it, every
// other filter kept; clearing the box shows the list without it.
{
    const $ = django.jQuery;
    $(function() {
        $('.autocomplete-filter select').on('change', function() {
            const base = this.closest('.autocomplete-filter').dataset.filterBase;
            const params = new URLSearchParams(base);
            if (this.value) {
                params.set(this.dataset.filterParameter, this.value);
            }
            const query = params.toString();
            window.location.href = window.location.pathname + (query ? '?' + query : '');
        });
    });
}
