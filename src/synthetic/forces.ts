/**
 * The 43 territorial police forces of England and Wales, by the slugs HMICFRS uses, each with a
 * weight (roughly the population it polices, in hundreds of thousands) so that a synthetic
 * national caseload has the Metropolitan Police's share of cases and the City of London's, and a
 * few of its local policing areas or districts.
 */
import type { Jurisdiction } from '../cases/domain/enums';

export interface Force {
  slug: string;
  jurisdiction: Jurisdiction;
  /** Prefix of officer ids and crime references, as forces print them. */
  code: string;
  weight: number;
  areas: readonly string[];
}

function force(slug: string, code: string, weight: number, areas: string, jurisdiction: Jurisdiction = 'england'): Force {
  return { slug, code, weight, jurisdiction, areas: areas.split(' ') };
}

export const FORCES: readonly Force[] = [
  force('avon-and-somerset', 'AS', 17, 'bristol north-somerset bath-and-north-east-somerset south-gloucestershire somerset'),
  force('bedfordshire', 'BD', 7, 'luton bedford central-bedfordshire'),
  force('cambridgeshire', 'CB', 9, 'cambridge peterborough fenland huntingdonshire'),
  force('cheshire', 'CH', 11, 'cheshire-east cheshire-west warrington halton'),
  force('city-of-london', 'CL', 0.3, 'city-of-london'),
  force('cleveland', 'CV', 6, 'middlesbrough stockton hartlepool redcar-and-cleveland'),
  force('cumbria', 'CU', 5, 'carlisle barrow furness south-lakes'),
  force('derbyshire', 'DB', 11, 'derby chesterfield high-peak amber-valley'),
  force('devon-and-cornwall', 'DC', 18, 'plymouth exeter torbay cornwall north-devon'),
  force('dorset', 'DS', 8, 'bournemouth poole weymouth north-dorset'),
  force('durham', 'DH', 6, 'darlington durham-city easington'),
  force('essex', 'EX', 18, 'southend thurrock chelmsford colchester basildon'),
  force('gloucestershire', 'GL', 6, 'gloucester cheltenham forest-of-dean stroud'),
  force('greater-manchester', 'GM', 29, 'manchester rochdale oldham bolton wigan salford stockport tameside bury trafford'),
  force('hampshire-and-isle-of-wight', 'HC', 20, 'southampton portsmouth basingstoke winchester isle-of-wight'),
  force('hertfordshire', 'HT', 12, 'watford st-albans stevenage dacorum'),
  force('humberside', 'HS', 9, 'hull east-riding north-lincolnshire north-east-lincolnshire'),
  force('kent', 'KT', 19, 'medway maidstone canterbury thanet dartford folkestone'),
  force('lancashire', 'LC', 15, 'blackpool preston blackburn burnley lancaster'),
  force('leicestershire', 'LE', 11, 'leicester loughborough hinckley rutland'),
  force('lincolnshire', 'LN', 8, 'lincoln boston grantham skegness'),
  force('merseyside', 'MY', 14, 'liverpool knowsley sefton wirral st-helens'),
  force('metropolitan', 'MP', 90, 'central-north central-south central-east central-west north-east north-west south-east south-west east west north south'),
  force('norfolk', 'NK', 9, 'norwich great-yarmouth kings-lynn'),
  force('north-yorkshire', 'NY', 8, 'york scarborough harrogate selby'),
  force('northamptonshire', 'NH', 8, 'northampton corby kettering wellingborough'),
  force('northumbria', 'NB', 15, 'newcastle sunderland gateshead north-tyneside south-tyneside northumberland'),
  force('nottinghamshire', 'NT', 12, 'nottingham mansfield ashfield bassetlaw'),
  force('south-yorkshire', 'SY', 14, 'sheffield rotherham doncaster barnsley'),
  force('staffordshire', 'SF', 11, 'stoke-on-trent stafford cannock tamworth'),
  force('suffolk', 'SK', 8, 'ipswich bury-st-edmunds lowestoft'),
  force('surrey', 'SR', 12, 'guildford woking reigate elmbridge'),
  force('sussex', 'SX', 17, 'brighton-and-hove crawley eastbourne hastings chichester'),
  force('thames-valley', 'TV', 24, 'oxford reading slough milton-keynes aylesbury'),
  force('warwickshire', 'WK', 6, 'nuneaton rugby warwick stratford-on-avon'),
  force('west-mercia', 'WM', 13, 'worcester telford shrewsbury hereford'),
  force('west-midlands', 'WD', 29, 'birmingham-east birmingham-west coventry dudley sandwell walsall wolverhampton'),
  force('west-yorkshire', 'WY', 23, 'bradford calderdale kirklees leeds wakefield'),
  force('wiltshire', 'WT', 7, 'swindon salisbury chippenham'),
  force('dyfed-powys', 'DP', 5, 'carmarthenshire ceredigion pembrokeshire powys', 'wales'),
  force('gwent', 'GW', 6, 'newport caerphilly blaenau-gwent monmouthshire torfaen', 'wales'),
  force('north-wales', 'NW', 7, 'wrexham conwy flintshire gwynedd anglesey denbighshire', 'wales'),
  force('south-wales', 'SW', 13, 'cardiff swansea bridgend merthyr-tydfil rhondda-cynon-taf vale-of-glamorgan', 'wales'),
];

export const FORCE_TABLE: ReadonlyArray<readonly [Force, number]> = FORCES.map((f) => [f, f.weight] as const);

/** The force of HMICFRS inspectors in tokens and in `recordedBy` of their findings. */
export const INSPECTORATE = 'hmicfrs';
