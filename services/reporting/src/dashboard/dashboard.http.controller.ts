import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { problem, Public } from '@sagsspor/platform';
import { Matches } from 'class-validator';
import { houses, municipalities, policeDistricts } from '@sagsspor/reference-data';
import type { Response } from 'express';

// The ops dashboard: static HTML, CSS and ES modules (no build step) and Chart.js from
// node_modules. Public: the page holds no data; it reads the report APIs with the bearer token the
// user signs in with. Files are served from a fixed list, never from a path in the URL.

/** services/reporting/dashboard, from src/dashboard (tests) and dist/dashboard (the built service) alike. */
const dashboardDir = path.resolve(__dirname, '..', '..', 'dashboard');
const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

const assets: Record<string, { file: string; type: string }> = {
  'dashboard.js': { file: path.join(dashboardDir, 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'format.js': { file: path.join(dashboardDir, 'format.js'), type: 'text/javascript; charset=utf-8' },
  'municipality-tiles.js': { file: path.join(dashboardDir, 'municipality-tiles.js'), type: 'text/javascript; charset=utf-8' },
  'reasons.js': { file: path.join(dashboardDir, 'reasons.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { file: path.join(dashboardDir, 'dashboard.css'), type: 'text/css; charset=utf-8' },
  'chart.umd.min.js': { file: chartJs, type: 'text/javascript; charset=utf-8' },
};

/** Names for the filters and tables: public reference data, no case data. */
const reference = {
  houses: houses.map((h) => ({ code: h.code, name: h.name, regionCode: h.regionCode })),
  regions: [...new Map(municipalities.map((m) => [m.regionCode, { code: m.regionCode, name: m.regionName }])).values()].sort((a, b) => a.code.localeCompare(b.code)),
  municipalities: municipalities.map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, defaultHouse: m.defaultHouse })).sort((a, b) => a.name.localeCompare(b.name, 'da')),
  policeDistricts: policeDistricts.map((d) => ({ code: d.code, name: d.name })),
};

/** The path of a dashboard file: `/dashboard/assets/{name}`. */
export class DashboardAssetPath {
  @Matches(/^[A-Za-z0-9][\w.-]{0,99}$/, { message: 'name must be a file name' })
  name!: string;
}

@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardHttpController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return readFileSync(path.join(dashboardDir, 'index.html'), 'utf8');
  }

  @Get('reference.json')
  @Header('Cache-Control', 'max-age=300')
  reference() {
    return reference;
  }

  @Get('assets/:name')
  asset(@Param() { name }: DashboardAssetPath, @Res() response: Response): void {
    const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
    if (!asset) throw problem(404, 'DASHBOARD.NOT_FOUND', 'Not found', `There is no dashboard file ${name}`);
    response.setHeader('Content-Type', asset.type);
    response.setHeader('Cache-Control', 'no-cache');
    response.send(readFileSync(asset.file));
  }
}
