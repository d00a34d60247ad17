// The register's map view: the reports' places (rounded to about 100 m by the server) as markers.
(function () {
  'use strict';
  var el = document.getElementById('register-map');
  if (!el || !window.L) { return; }
  el.textContent = '';
  var map = L.map(el).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)], parseInt(el.dataset.zoom, 10));
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  fetch(el.dataset.points, { headers: { Accept: 'application/geo+json, application/json' } })
    .then(function (r) { return r.ok ? r.json() : { features: [] }; })
    .then(function (data) {
      var bounds = [];
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        var link = document.createElement('a');
        link.href = '/laporan/' + encodeURIComponent(p.code);
        link.textContent = p.title || p.code;
        L.marker([c[1], c[0]]).bindPopup(link).addTo(map);
        bounds.push([c[1], c[0]]);
      });
      if (bounds.length > 0) { map.fitBounds(bounds, { maxZoom: 15 }); }
    });
}());
